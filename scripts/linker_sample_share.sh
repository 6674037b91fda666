#!/bin/bash
# The actor linker's own CPU samples over the text layer's, in one run of `mirsad bench actors`
# (both sides run interleaved in the same process, so load from other jobs moves them alike).
# usage: scripts/linker_sample_share.sh [MIRSAD_BINARY] [PASSES]
# Needs perf (cpu-clock sampling is enough) and ../shared/data/news/saudinewsnet/json.
# Linker: `mirsad_kb::` symbols less the KB and linker build (once per process); text layer:
# `mirsad_text::` symbols and `CharOffsets`; the allocator and memmove are left out of both.
set -euo pipefail
bin=${1:-target/release/mirsad}
passes=${2:-3}
data=$(mktemp /tmp/linker-share.XXXXXX)
trap 'rm -f "$data"' EXIT
perf record -q -e cpu-clock -F 1999 -o "$data" "$bin" bench actors \
  --input ../shared/data/news/saudinewsnet/json --limit-mb 20 --passes "$passes" --no-python \
  >/dev/null 2>&1
perf report -i "$data" --no-children --sort symbol --percent-limit 0 2>/dev/null |
  grep -v '^#' | grep '%' | awk '
  { p = $1; sub("%", "", p) }
  /mirsad_kb::/ && !/Linker::new|insert_path|add_form|parse_jsonl|Kb::embedded|VocabTable::new|EdgeTable::new|abd_spelling|build::/ { kb += p }
  /mirsad_text::|CharOffsets/ { text += p }
  END { printf "linker %.2f%%  text layer %.2f%%  linker / text %.3f\n", kb, text, kb / text }'
