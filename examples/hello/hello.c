/* hello: the smallest Yolk program. `yolk run hello.elf -- world` prints "hello, world". */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("hello, %s\n", argc > 1 ? argv[1] : "yolk");
	return 0;
}
