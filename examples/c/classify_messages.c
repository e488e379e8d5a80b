/* Classifies customer messages read from standard input, one per line, with
 * kefu's default model, and prints intent, confidence and the rules that
 * fired. Build: cc classify_messages.c $(pkg-config --cflags --libs kefu) */
#include <stdio.h>
#include <string.h>

#include <kefu/kefu.h>

/* Prints the last error of this thread and returns the status. */
static int report(int status, const char *what) {
    const kefu_error *e = kefu_last_error();
    fprintf(stderr, "%s failed: %s (%s)\n", what, e->message, kefu_status_name(status));
    return status;
}

static int classify_line(const kefu_model *model, const char *line, size_t len) {
    kefu_classify_options options;
    kefu_classify_options_init(&options, KEFU_CLASSIFY_OPTIONS_VERSION);

    kefu_classification *result = NULL;
    int status = kefu_classify(&result, model, line, len, &options);
    if (status != KEFU_OK) return report(status, "kefu_classify");

    printf("%s\t%.2f%s", kefu_classification_intent(result), kefu_classification_confidence(result),
           kefu_classification_out_of_scope(result) ? "\t(out of scope)" : "");
    for (size_t i = 0; i < kefu_classification_hit_count(result); ++i) {
        kefu_rule_hit hit;
        if (kefu_classification_hit(&hit, result, i) == KEFU_OK && !hit.negated)
            printf("\t%s:%.*s", hit.intent, (int)(hit.end - hit.start), line + hit.start);
    }
    printf("\n");
    kefu_classification_free(result); /* strings from `result` are invalid after this */
    return KEFU_OK;
}

int main(void) {
    kefu_model *model = NULL;
    int status = kefu_model_default(&model);
    if (status != KEFU_OK) return report(status, "kefu_model_default");

    char line[4096];
    int failed = 0;
    while (!failed && fgets(line, sizeof line, stdin) != NULL) {
        size_t len = strcspn(line, "\r\n");
        failed = classify_line(model, line, len) != KEFU_OK;
    }
    kefu_model_free(model);
    return failed;
}
