// Errors are values in kg: every fallible call returns a Status or a
// Result<T>, never throws across a module boundary. A Status carries one
// human-readable line that names the file (or database) and what is wrong, so
// the command-line program can print it as is.
//
//   kg::Result<Article> a = ReadSomething(path);
//   if (!a.ok()) { std::cerr << a.status().message() << "\n"; return 1; }
//   Use(*a);
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace kg {

class [[nodiscard]] Status {
 public:
  enum class Code { kOk, kNotFound, kInvalidArgument, kCorruption, kIOError, kBusy, kUnsupported };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status Unsupported(std::string msg) { return Status(Code::kUnsupported, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  const std::string& message() const { return message_; }

  // Deliberately dropping a Status must be visible in the code.
  void IgnoreError() const {}

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T&& take() { return std::move(*value_); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace kg

// Returns from the enclosing function when `expr` yields a non-OK Status.
#define KG_RETURN_IF_ERROR(expr)        \
  do {                                  \
    ::kg::Status kg_status_ = (expr);   \
    if (!kg_status_.ok()) return kg_status_; \
  } while (0)
