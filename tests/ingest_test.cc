#include <gtest/gtest.h>
// Filled in by the ingest module.
