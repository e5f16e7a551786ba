/* The parse floor of bench/config.sh: read each file named on stdin and run libyaml's event
 * parser over it (the parser Portcullis uses), building nothing. Prints the number of
 * documents. Built by bench/config.sh; not part of the product. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

int main(void) {
  char path[4096];
  size_t documents = 0;
  size_t cap = 1 << 20;
  unsigned char* buf = malloc(cap);
  while (buf && fgets(path, sizeof path, stdin)) {
    path[strcspn(path, "\n")] = 0;
    FILE* f = fopen(path, "rb");
    if (!f) continue;
    size_t n = 0, got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
      n += got;
      if (n == cap) buf = realloc(buf, cap *= 2);
      if (!buf) return 1;
    }
    fclose(f);
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buf, n);
    for (int done = 0; !done && yaml_parser_parse(&parser, &event);) {
      if (event.type == YAML_DOCUMENT_START_EVENT) documents++;
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
  }
  printf("%zu\n", documents);
  free(buf);
  return 0;
}
