#!/usr/bin/env bash
# Trains the spaCy anchor on mirsad-ner's training data and scores its dev predictions with
# mirsad-ner's own CoNLL scorer. Usage: scripts/spacy_ner_anchor.sh [--extra aqmar] [--max-steps N]
# Needs `pip install spacy` (3.8 used for MODEL_CARD.md). Bounded: --train-timeout (default 900 s).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/mirsad_spacy_anchor}
python3 scripts/spacy_ner_anchor.py --work "$WORK" "$@"
cargo run --release -q -p mirsad-ner --example ner -- eval \
  --gold "$WORK/dev_gold.conll" --pred "$WORK/dev_spacy_pred.conll"
