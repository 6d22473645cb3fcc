/* vanban from C: render the sample plan to PDF in memory, show how errors are reported,
 * and make certificates from a list. Built against the installed package:
 *   cc -std=c99 -Wall example.c $(pkg-config --cflags --libs vanban) -o example
 *   ./example <samples-dir> <out-dir>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vanban/vanban.h>

static char* read_all(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* data = malloc(n > 0 ? (size_t)n : 1);
  *size = data ? fread(data, 1, (size_t)n, f) : 0;
  fclose(f);
  return data;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <samples-dir> <out-dir>\n", argv[0]);
    return 2;
  }
  char path[4096];
  printf("vanban %s\n", vanban_version());

  /* One engine for the whole program: fonts and templates load once. */
  vanban_engine* engine = NULL;
  if (vanban_engine_open(NULL, NULL, &engine) != VANBAN_OK) {
    fprintf(stderr, "cannot open vanban: %s\n", vanban_errmsg(engine));
    vanban_engine_close(engine);
    return 1;
  }

  /* 1. The plan, from JSON in memory to PDF bytes. */
  snprintf(path, sizeof path, "%s/ke-hoach-hoa-binh-2021.json", argv[1]);
  size_t size = 0;
  char* json = read_all(path, &size);
  if (!json) {
    fprintf(stderr, "cannot read %s\n", path);
    return 1;
  }
  vanban_render_options options;
  vanban_render_options_init(&options);
  options.creation_date = "2021-03-05";
  options.source_name = path;
  unsigned char* pdf = NULL;
  size_t pdf_size = 0;
  vanban_status status = vanban_render(engine, "ke-hoach", json, size, &options, &pdf, &pdf_size);
  if (status != VANBAN_OK) {
    fprintf(stderr, "render failed (%s): %s\n", vanban_status_name(status), vanban_errmsg(engine));
    return 1;
  }
  snprintf(path, sizeof path, "%s/ke-hoach.pdf", argv[2]);
  FILE* out = fopen(path, "wb");
  if (!out || fwrite(pdf, 1, pdf_size, out) != pdf_size) return 1;
  fclose(out);
  printf("plan: %zu bytes of PDF, starts with %.5s\n", pdf_size, (const char*)pdf);
  vanban_free(pdf);

  /* 2. The same as DOCX, straight to a file. */
  snprintf(path, sizeof path, "%s/ke-hoach.docx", argv[2]);
  options.format = VANBAN_DOCX;
  options.source_name = NULL;
  char data_path[4096];
  snprintf(data_path, sizeof data_path, "%s/ke-hoach-hoa-binh-2021.json", argv[1]);
  if (vanban_render_file(engine, "ke-hoach", data_path, path, &options) != VANBAN_OK) {
    fprintf(stderr, "%s\n", vanban_errmsg(engine));
    return 1;
  }
  printf("plan: DOCX written\n");

  /* 3. A mistake in the data: the status says what kind, the message says where. */
  const char* bad = "{\n  \"type\": \"ke-hoach\",\n  \"subject\": 42\n}\n";
  vanban_render_options_init(&options);
  options.source_name = "bad.json";
  status = vanban_render(engine, "ke-hoach", bad, strlen(bad), &options, &pdf, &pdf_size);
  printf("bad data: %s (line %d, column %d, field \"%s\"): %s\n", vanban_status_name(status), vanban_error_line(engine),
         vanban_error_column(engine), vanban_error_field(engine), vanban_errmsg(engine));
  if (status == VANBAN_OK || pdf != NULL) return 1;

  /* 4. Certificates from a list; two rows of the sample list are wrong on purpose. */
  snprintf(data_path, sizeof data_path, "%s/danh-sach-khen-thuong.csv", argv[1]);
  snprintf(path, sizeof path, "%s/giay-khen.pdf", argv[2]);
  vanban_batch_options batch;
  vanban_batch_options_init(&batch);
  batch.creation_date = "2022-05-15";
  batch.sort_by_given_name = 1;
  size_t rows = 0, failed = 0;
  status = vanban_batch_file(engine, "giay-khen", data_path, path, &batch, &rows, &failed);
  printf("certificates: %s, %zu rows, %zu failed:\n%s\n", vanban_status_name(status), rows, failed, vanban_errmsg(engine));
  if (status != VANBAN_EPARTIAL || rows != 9 || failed != 2) return 1;

  vanban_engine_close(engine);
  free(json);
  return 0;
}
