/* The kernel's string and memory helpers (lib/string.c). */
#ifndef TINE_STRING_H
#define TINE_STRING_H

#include <tine/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strstr(const char *h, const char *n);
unsigned long simple_strtoul(const char *s, const char **end, int base);
int kstrtol(const char *s, unsigned int base, long *res);
char *strtok_r_simple(char **s);
bool glob_match(const char *pat, const char *str);

#endif
