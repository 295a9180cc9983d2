from wiretrace.cli.app import main

main()
