#include <gtest/gtest.h>
// Filled in by the graph module.
