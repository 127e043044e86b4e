#!/bin/sh
# Usage: symbols.sh IMAGE.elf OUTPUT.S
# Writes the function symbols of a linked image (those in its higher half: not the 32-bit boot
# stub) as an assembly file for the .yolk_symbols section (layout in lib/symbol_table.c): 8
# bytes an entry, the address as an offset from the image base. `yolk build` links twice: the
# section is last in the image, so adding it moves nothing that the table describes.
set -e
image=$1
output=$2
nm -n --defined-only "$image" | awk 'BEGIN { n = 0 }
	$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 != "" && $1 >= "ffffffff80000000" { address[n] = $1; name[n] = $3; n++ }
	END {
		base = "ffffffff80000000" # the image base: offsets from it fit 32 bits
		print "\t.section .yolk_symbols, \"a\""
		print "\t.balign 8"
		print "symbols_table:"
		print "\t.quad " n
		print "\t.quad 0x" base
		for (i = 0; i < n; i++)
			printf "\t.long 0x%s - 0x%s, name_%d - symbols_table\n", address[i], base, i
		for (i = 0; i < n; i++)
			printf "name_%d: .asciz \"%s\"\n", i, name[i]
	}' > "$output"
