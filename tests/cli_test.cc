#include <gtest/gtest.h>
// Filled in by the cli module.
