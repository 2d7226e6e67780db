# Renders bench/results/latest.json (written by bench/run) as Markdown.
# Usage: jq -r -f bench/lib/results_markdown.jq bench/results/latest.json

def num: if type == "number" then (if . == (. | floor) then tostring
         else (. * 100 | round / 100 | tostring) end) else (. // "–" | tostring) end;
def yesno: if . == true then "yes" elif . == false then "**no**" else "–" end;
def row(cells): "| " + (cells | map(tostring | gsub("\\|"; "\\|")) | join(" | ")) + " |";

def figures_table:
  (.runs // {}) as $runs
  | [row(["Figure", "Median", "Min", "Max"]), row(["---", "---:", "---:", "---:"])]
    + [ (.figures // {}) | to_entries[] | .key as $k
        | if $runs[$k] then row([$k, ($runs[$k].median | num), ($runs[$k].min | num), ($runs[$k].max | num)])
          else row([$k, (.value | num), "–", "–"]) end ];

# Run statistics with no figure of the same name (e.g. the baselines' own runs).
def extra_runs_table:
  (.figures // {}) as $f
  | [ (.runs // {}) | to_entries[] | select($f[.key] == null)
      | row([.key, (.value.median | num), (.value.min | num), (.value.max | num)]) ];

def baselines_table:
  if (.baselines // {}) == {} then []
  else ["", row(["Baseline (same run)", "Figure", "Value"]), row(["---", "---", "---:"])]
       + [ .baselines | to_entries[] | .key as $b | .value | to_entries[]
           | row([$b, .key, (.value | num)]) ]
  end;

def ratios_line:
  if (.ratios // {}) == {} then []
  else ["", "Ratios: " + ([.ratios | to_entries[] | "\(.key) = \(.value | num)"] | join(", "))]
  end;

def targets_table:
  if (.targets // []) == [] then []
  else ["", row(["Target", "Goal", "Value", "Met?"]), row(["---", "---", "---:", "---"])]
       + [ .targets[] | row([.what, .goal, (.value | num), (.met | yesno)]) ]
  end;

def section:
  if .status == "failed" then
    ["## \(.name): FAILED (exit code \(.exit_code), after \(.seconds) s)", "", "```",
     (.stderr_tail // ""), "```"]
  else
    ["## \(.title // .name)", ""] + figures_table + extra_runs_table + baselines_table
    + ratios_line + targets_table
    + ["", "_\(.seconds) s; 1-min load average before: \(.load_before)_"]
  end
  | join("\n");

def summary:
  [row(["Benchmark", "Status", "Targets met"]), row(["---", "---", "---"])]
  + [ .benchmarks[] | row([.name, .status,
        (if .status == "ok" then "\([.targets[]? | select(.met)] | length) / \([.targets[]?] | length)"
         else "–" end)]) ]
  | join("\n");

[
  "# Ventros benchmarks\(if .quick then " (quick)" else "" end)",
  "",
  "\(.date), commit \(.commit). Machine: \(.machine.cpus) × \(.machine.cpu_model), \(.machine.memory_gib) GiB, \(.machine.kernel).",
  "Versions: GCC \(.versions.gcc), librdkafka \(.versions.librdkafka), Kafka \(.versions.kafka), \(.versions.postgresql), Boost \(.versions.boost).",
  "Figures are medians of several runs (min/max alongside); baselines are measured in the same run.",
  "",
  summary,
  "",
  (.benchmarks[] | section, "")
] | join("\n")
