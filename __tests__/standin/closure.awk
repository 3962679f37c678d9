# Reads `dpkg-query -W` lines "pkg<TAB>version<TAB>status<TAB>predepends, depends<TAB>provides"
# for every installed package and prints the runtime dependency closure of the seed packages
# (space-separated in -v seeds=...) as "pkg version" lines. Alternatives resolve to the
# first one that is installed, virtual names to an installed provider.
function norm(dep) { sub(/\(.*/, "", dep); gsub(/[ \t]/, "", dep); sub(/:.*/, "", dep); return dep }
BEGIN { FS = "\t" }
$3 ~ /^ii/ {
  installed[$1] = $2; deps[$1] = $4
  n = split($5, provided, ",")
  for (i = 1; i <= n; i++) { p = norm(provided[i]); if (p != "" && !(p in provider)) provider[p] = $1 }
}
END {
  n = split(seeds, queue, " "); head = 1
  while (head <= n) {
    name = queue[head++]
    if (!(name in installed)) { if (name in provider) name = provider[name]; else { print "missing " name > "/dev/stderr"; exit 1 } }
    if (name in seen) continue
    seen[name] = 1
    m = split(deps[name], clauses, ",")
    for (i = 1; i <= m; i++) {
      k = split(clauses[i], alts, "|"); chosen = ""
      for (j = 1; j <= k; j++) {
        a = norm(alts[j]); if (a == "") continue
        if (a in installed) { chosen = a; break }
        if (chosen == "" && (a in provider)) chosen = provider[a]
      }
      if (chosen == "" && norm(alts[1]) != "") { print "unsatisfied " clauses[i] " of " name > "/dev/stderr"; exit 1 }
      if (chosen != "") queue[++n] = chosen
    }
  }
  for (p in seen) print p, installed[p]
}
