"""Runners: the same analysis over all local cores (``local``) or a Dask cluster (``dask_cluster``)."""
