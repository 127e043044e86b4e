#!/bin/sh
# Usage: symbols.sh IMAGE.elf OUTPUT.S
# Writes the function symbols of a linked image as an assembly file for the .yolk_symbols
# section (layout in kernel/symbols.c). `yolk build` links twice: the section is last in the
# image, so adding it moves nothing that the table describes.
set -e
image=$1
output=$2
nm -n --defined-only "$image" | awk 'BEGIN { n = 0 }
	$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 != "" { address[n] = $1; name[n] = $3; n++ }
	END {
		print "\t.section .yolk_symbols, \"a\""
		print "\t.balign 8"
		print "symbols_table:"
		print "\t.quad " n
		for (i = 0; i < n; i++)
			printf "\t.quad 0x%s\n\t.long name_%d - symbols_table, 0\n", address[i], i
		for (i = 0; i < n; i++)
			printf "name_%d: .asciz \"%s\"\n", i, name[i]
	}' > "$output"
