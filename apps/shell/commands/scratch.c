#include <time.h>
#include "../command.h"
int echo_main(int argc, char **argv) { for (int i = 1; i < argc; i++) printf("%s%s", argv[i], i + 1 < argc ? " " : ""); printf("\n"); return 0; }
int sleep_main(int argc, char **argv) { struct timespec t = {argc > 1 ? atoi(argv[1]) : 1, 0}; if (nanosleep(&t, NULL)) return 130; return 0; }
int cat_main(int argc, char **argv) { char b[4096]; size_t n; FILE *f = argc > 1 ? fopen(argv[1], "r") : stdin; if (!f) { perror(argv[1]); return 1; } while (!command_interrupted() && (n = fread(b, 1, sizeof b, f)) > 0) if (fwrite(b, 1, n, stdout) != n) break; if (f != stdin) fclose(f); return ferror(stdout) ? 1 : 0; }
int wc_main(int argc, char **argv) { (void)argc; (void)argv; long c = 0; while (fgetc(stdin) != EOF) c++; printf("%ld\n", c); return 0; }
