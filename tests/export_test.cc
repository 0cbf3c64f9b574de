#include <gtest/gtest.h>
// Filled in by the export module.
