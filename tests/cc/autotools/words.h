/* Counting the words of a string: the library half of the autotools test project. */
#ifndef WORDS_H
#define WORDS_H
int count_words(const char *text);
#endif
