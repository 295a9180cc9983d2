"""Analysis processes keep numpy's BLAS to one thread (#13): small matrix products only spin more."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from wiretrace.nlp import one_blas_thread
one_blas_thread()  # before anything imported numpy: it must load numpy's BLAS itself to limit it
from threadpoolctl import threadpool_info
print(sorted({p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}))
"""


def test_one_blas_thread_limits_numpy_blas() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[1]"


TEXT = (
    "Harbour officials in Port Elm said on Tuesday that the ferry would resume service next month.\n\n"
    '"We expect the first crossing by June 3," said Mira Solberg, who leads the Port Elm Ferry Board. '
    "Her deputy, Tomas Quist, told reporters the repairs had cost 4.2 million crowns."
)


def test_spacy_layers_multiply_through_numpy_with_the_same_annotations() -> None:
    import spacy
    from spacy.language import Language
    from thinc.api import NumpyOps

    from wiretrace.nlp import load_spacy, with_paragraph_breaks
    from wiretrace.settings import Settings

    model = Settings().nlp.model
    ours = load_spacy(model)
    ops = [p.model.ops for _name, p in ours.pipeline if hasattr(p, "model")]
    assert ops and all(isinstance(o, NumpyOps) and not o.use_blis for o in ops)

    def annotations(nlp: Language) -> list[tuple[str, int, str, str, str, bool | None]]:
        doc = nlp(TEXT)
        return [(t.dep_, t.head.i, t.tag_, t.ent_type_, t.lemma_, t.is_sent_start) for t in doc]

    stock = with_paragraph_breaks(spacy.load(model))  # on blis, as spaCy builds it
    assert annotations(ours) == annotations(stock)
