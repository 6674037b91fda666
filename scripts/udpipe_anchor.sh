#!/usr/bin/env bash
# UDPipe 1 anchor for the morphosyntax targets (issue 9): converts PADT with `mirsad ud convert`,
# trains UDPipe 1 with its default settings on train.conllu (the tokenizer and the tagger+parser as
# two models — see udpipe_anchor.py), runs it on dev from raw text and on the gold
# words, times it (words per CPU-second; UDPipe 1 runs on one thread) and scores both runs with
# `mirsad eval ud`. Rerun from the repository root:
#
#   bash scripts/udpipe_anchor.sh            # UD=target/ud by default; models are reused if present
#
# Training takes about an hour of CPU per model (default settings: 100 tokenizer epochs, 20 tagger
# and 10 parser iterations); everything it writes stays under $UD
# (derived from CC BY-NC-SA data: never commit it).
set -euo pipefail

UD=${UD:-target/ud}
PADT=${PADT:-../shared/data/ud/padt-v1}
HERE=$(cd "$(dirname "$0")" && pwd)

python3 -c 'import ufal.udpipe' 2>/dev/null || python3 -m pip install --quiet ufal.udpipe
if [ -z "${MIRSAD:-}" ]; then
  cargo build --quiet -p mirsad-cli
  MIRSAD=target/debug/mirsad
fi
MIRSAD=$(realpath "$MIRSAD")

"$MIRSAD" ud convert --padt "$PADT" --out "$UD"

tokenizer="$UD/udpipe.tokenizer.model"
tagger_parser="$UD/udpipe.tagger-parser.model"
# One after the other (one heavy job at a time on a shared machine); the tagger+parser first, as
# the gold-words run needs only it.
# A model is reused only if it was trained on this very train.conllu.
train_sum=$(sha256sum < "$UD/train.conllu" | cut -d' ' -f1)
for part in tagger-parser tokenizer; do
  model="$UD/udpipe.$part.model"
  if [ ! -s "$model" ] || [ "$(cat "$model.train-sha256" 2>/dev/null)" != "$train_sum" ]; then
    python3 "$HERE/udpipe_anchor.py" train "$UD/train.conllu" "$model" "$part" \
      > "$UD/udpipe.$part.log" 2>&1
    echo "$train_sum" > "$model.train-sha256"
  fi
done
tail -n 1 "$UD"/udpipe.*.log

echo "== UDPipe 1 on the gold words ($UD/dev.conllu, annotations removed)"
python3 "$HERE/udpipe_anchor.py" gold "$tagger_parser" "$UD/dev.conllu" "$UD/udpipe.gold.conllu"
"$MIRSAD" eval ud --gold "$UD/dev.conllu" --system "$UD/udpipe.gold.conllu"

echo "== UDPipe 1 from raw text ($UD/dev.txt)"
python3 "$HERE/udpipe_anchor.py" raw "$tagger_parser" "$UD/dev.txt" "$UD/udpipe.raw.conllu" "$tokenizer"
"$MIRSAD" eval ud --gold "$UD/dev.conllu" --system "$UD/udpipe.raw.conllu"
