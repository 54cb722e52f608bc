#!/bin/sh
# The repository stands alone: nothing in it may cite documents a user of it
# does not have (the project's private specification and reference notes)
# or the tracker's issue numbers. docs/MODEL.md is the contract to cite.
# Usage: check-citations.sh SOURCE_ROOT. Prints each offending line.
set -eu
root=${1:?usage: check-citations.sh SOURCE_ROOT}
cd "$root"
# The patterns are spelt in pieces so that this file does not match itself.
spec='SPEC''\.md'
ref='REFERENCE''\.md'
sect='SPEC'' §'
shared='\.\./sha''red/\|sha''red/\(cases\|tools\|SP''EC\|REFER''ENCE\)'
issue='[Ii]ssue''s\{0,1\} #\{0,1\}[0-9]'
hits=$(grep -rnI -e "$spec" -e "$ref" -e "$sect" -e "$issue" -e "$shared" \
    README.md docs configs libs75 examples bindings tests bench fuzz \
    CONTRIBUTING.md SECURITY.md CHANGELOG.md 2>/dev/null || true)
if [ -n "$hits" ]; then
    printf '%s\n' "$hits"
    echo "$(printf '%s\n' "$hits" | wc -l) citation(s) of documents outside the repository or of issue numbers"
    exit 1
fi
echo "no citations outside the repository"
