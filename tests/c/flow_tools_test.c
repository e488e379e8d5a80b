/* Checking and drawing flows through the C ABI, from C99. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "kefu/kefu.h"

/* Two problems; compiling would stop at the first, checking reports both. */
static const char two_problems[] =
    "flow t_two\n"
    "state idle initial\n"
    "state lonely\n"
    "state done final\n"
    "from idle on intent bargain -> done do say no.such_key\n";

static void test_check_reports_every_finding(const kefu_model *base) {
    kefu_source source = {"two.kefu", two_problems, sizeof two_problems - 1};
    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_flow_check_json(&json, base, &source, 1));
    const char *text = kefu_string_data(json);
    CHECK(text != NULL && strstr(text, "\"errors\":2") != NULL);
    CHECK(text != NULL && strstr(text, "\"file\":\"two.kefu\",\"line\":3") != NULL);
    kefu_string_free(json);

    kefu_model *compiled = NULL;
    CHECK_STATUS(KEFU_EPARSE, kefu_model_compile(&compiled, base, &source, 1));
    CHECK(kefu_last_error()->line != 0);
    kefu_model_free(compiled);
}

static void test_check_syntax_error(const kefu_model *base) {
    const char text[] = "flow t\nstate idle initial =\n";
    kefu_source source = {NULL, text, sizeof text - 1};
    kefu_string *json = NULL;
    CHECK_STATUS(KEFU_OK, kefu_flow_check_json(&json, base, &source, 1));
    CHECK(strstr(kefu_string_data(json), "\"file\":\"<source 1>\",\"line\":2") != NULL);
    CHECK(strstr(kefu_string_data(json), "\"errors\":1") != NULL);
    kefu_string_free(json);
}

static void test_flows_and_dot(const kefu_model *model) {
    CHECK(kefu_model_flow_count(model) == 5);
    CHECK(kefu_model_flow_name(model, kefu_model_flow_count(model)) == NULL);
    /* In the order they were compiled: data/flows/ sorted by file name. */
    CHECK_STRING(kefu_model_flow_name(model, 0), "aftersale_retention");
    int bargaining = 0;
    size_t i;
    for (i = 0; i < kefu_model_flow_count(model); ++i) {
        if (strcmp(kefu_model_flow_name(model, i), "bargaining") == 0) bargaining = 1;
        CHECK(strstr(kefu_model_flow_location(model, i), ".kefu:") != NULL);
    }
    CHECK(bargaining);
    kefu_string *dot = NULL;
    CHECK_STATUS(KEFU_OK, kefu_flow_dot(&dot, model, "bargaining"));
    CHECK(strncmp(kefu_string_data(dot), "digraph \"bargaining\" {", 22) == 0);
    kefu_string_free(dot);
    CHECK_STATUS(KEFU_ENOTFOUND, kefu_flow_dot(&dot, model, "no_such_flow"));
    CHECK(dot == NULL);
}

static void test_bad_arguments(const kefu_model *model) {
    kefu_string *out = NULL;
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_check_json(NULL, model, NULL, 0));
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_check_json(&out, model, NULL, 1));
    kefu_source bad = {"x.kefu", NULL, 3};
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_check_json(&out, model, &bad, 1));
    /* The size is checked before the text is read. */
    kefu_source huge = {"x.kefu", "x", (size_t)KEFU_MAX_SOURCE_BYTES + 1};
    CHECK_STATUS(KEFU_ELIMIT, kefu_flow_check_json(&out, model, &huge, 1));
    CHECK(out == NULL);
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_dot(&out, NULL, "bargaining"));
    CHECK_STATUS(KEFU_EINVAL, kefu_flow_dot(&out, model, NULL));
    CHECK(kefu_model_flow_count(NULL) == 0);
    CHECK(kefu_model_flow_name(NULL, 0) == NULL);
    CHECK(kefu_model_flow_location(NULL, 0) == NULL);
}

int main(void) {
    kefu_model *model = NULL;
    CHECK_STATUS(KEFU_OK, kefu_model_default(&model));
    test_check_reports_every_finding(model);
    test_check_syntax_error(model);
    test_flows_and_dot(model);
    test_bad_arguments(model);
    kefu_model_free(model);
    return failures != 0;
}
