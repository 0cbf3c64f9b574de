#include <gtest/gtest.h>
// Filled in by the storage module.
