/* The image `yolk run --accel auto` boots once under KVM to see whether KVM works here: nested
 * KVM on some hosts stops at a guest's first SSE instruction. Prints "kvm-probe: ok" only when
 * floating-point (SSE) arithmetic gave the right answer. */
#include <stdio.h>

int main(void)
{
	volatile double a = 1.25, b = 3.5;
	double product = a * b;

	if (product == 4.375)
		printf("kvm-probe: ok\n");
	return product == 4.375 ? 0 : 1;
}
