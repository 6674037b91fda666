#!/usr/bin/env bash
# UDPipe 1 anchor for the morphosyntax targets (issue 9): converts PADT with `mirsad ud convert`,
# trains UDPipe 1 with its default settings on train.conllu (tokenizer, and tagger+parser, as two
# models trained in parallel — see udpipe_anchor.py), runs it on dev from raw text and on the gold
# words, times it (words per CPU-second; UDPipe 1 runs on one thread) and scores both runs with
# `mirsad eval ud`. Rerun from the repository root:
#
#   bash scripts/udpipe_anchor.sh            # UD=target/ud by default; models are reused if present
#
# Training takes tens of minutes on one core each; everything it writes stays under $UD
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
pids=()
if [ ! -s "$tokenizer" ]; then
  python3 "$HERE/udpipe_anchor.py" train "$UD/train.conllu" "$tokenizer" tokenizer \
    > "$UD/udpipe.tokenizer.log" 2>&1 &
  pids+=($!)
fi
if [ ! -s "$tagger_parser" ]; then
  python3 "$HERE/udpipe_anchor.py" train "$UD/train.conllu" "$tagger_parser" tagger-parser \
    > "$UD/udpipe.tagger-parser.log" 2>&1 &
  pids+=($!)
fi
for pid in "${pids[@]}"; do
  wait "$pid"
done
tail -n 1 "$UD"/udpipe.*.log

echo "== UDPipe 1 from raw text ($UD/dev.txt)"
python3 "$HERE/udpipe_anchor.py" raw "$tagger_parser" "$UD/dev.txt" "$UD/udpipe.raw.conllu" "$tokenizer"
"$MIRSAD" eval ud --gold "$UD/dev.conllu" --system "$UD/udpipe.raw.conllu"

echo "== UDPipe 1 on the gold words ($UD/dev.conllu, annotations removed)"
python3 "$HERE/udpipe_anchor.py" gold "$tagger_parser" "$UD/dev.conllu" "$UD/udpipe.gold.conllu"
"$MIRSAD" eval ud --gold "$UD/dev.conllu" --system "$UD/udpipe.gold.conllu"
