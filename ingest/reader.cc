// Reading articles from .txt files, JSON Lines files, directories and stdin.
// Every problem is reported with the file (and line) it concerns; one bad
// article never stops the others.

#include <unicode/utf8.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ingest/ingest.h"

namespace kg {
namespace {

namespace fs = std::filesystem;

// Byte offset of the first invalid UTF-8 sequence, or npos.
size_t FindInvalidUtf8(std::string_view s) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    // Runs of ASCII (most of any news text) eight bytes at a time.
    while (n - i >= 8) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, sizeof word);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) return static_cast<size_t>(start);
  }
  return std::string_view::npos;
}

// Rejects what cannot be an article; `where` names the file (and line).
Status CheckText(std::string_view text, const std::string& where, const ReadOptions& options) {
  if (text.size() > options.max_article_bytes) {
    return Status::InvalidArgument(where + ": article is " + std::to_string(text.size() >> 20) +
                                   " MB, over the limit of " +
                                   std::to_string(options.max_article_bytes >> 20) + " MB");
  }
  if (text.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument(where + ": binary data (NUL bytes), not a text article");
  }
  size_t bad = FindInvalidUtf8(text);
  if (bad != std::string_view::npos) {
    return Status::InvalidArgument(where + ": invalid UTF-8 at byte " + std::to_string(bad) +
                                   " (convert the file to UTF-8, e.g. with iconv)");
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::InvalidArgument(where + ": empty article");
  }
  return Status::Ok();
}

std::string Trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// A plain-text article: the first non-empty line is the headline. The
// article text is the whole file, so evidence offsets index the file.
Article ArticleFromText(std::string text, std::string id, std::string origin,
                        const ReadOptions& options) {
  Article a;
  std::string_view view(text);
  size_t b = view.find_first_not_of(" \t\r\n");
  size_t e = view.find('\n', b);
  a.title = Trim(view.substr(b, e == std::string_view::npos ? view.size() - b : e - b));
  a.id = std::move(id);
  a.origin = std::move(origin);
  a.date = options.default_date;
  a.text = std::move(text);
  return a;
}

Result<std::string> ReadWholeFile(const fs::path& path, const ReadOptions& options) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return Status::NotFound(path.string() + ": no such file or directory");
  auto size = fs::file_size(path, ec);
  if (ec) return Status::IOError(path.string() + ": cannot read: " + ec.message());
  // Reject huge inputs before reading them; JSONL files may hold many articles.
  if (path.extension() != ".jsonl" && size > options.max_article_bytes) {
    return Status::InvalidArgument(path.string() + ": article is " + std::to_string(size >> 20) +
                                   " MB, over the limit of " +
                                   std::to_string(options.max_article_bytes >> 20) + " MB");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path.string() + ": cannot open for reading (permission denied?)");
  std::string data(size, '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (!in && !in.eof()) return Status::IOError(path.string() + ": read error");
  data.resize(static_cast<size_t>(in.gcount()));
  return data;
}

std::string TextId(const fs::path& path) {
  // The directory's name is the same for the files of a directory, read one
  // after another: normalising the path is most of the work, so the last
  // directory's is kept. (A file's own name, not "." or "..", drops out.)
  thread_local std::string last_dir, last_parent;
  const fs::path absolute = fs::absolute(path);
  const fs::path name = path.filename();
  const bool plain_name = name != "." && name != "..";
  if (!plain_name || absolute.parent_path().native() != last_dir || last_dir.empty()) {
    last_parent = absolute.lexically_normal().parent_path().filename().string();
    last_dir = plain_name ? absolute.parent_path().native() : std::string();
  }
  std::string stem = path.stem().string();
  return last_parent.empty() ? stem : last_parent + "/" + stem;
}

std::string JsonString(const nlohmann::json& obj, const char* field) {
  auto it = obj.find(field);
  if (it == obj.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  return it->dump();
}

// One JSON Lines record {"id","title","date","url","source","text"}.
Result<Article> ArticleFromJsonLine(std::string_view line, const std::string& where,
                                    const std::string& default_id, const ReadOptions& options) {
  nlohmann::json obj = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded()) return Status::InvalidArgument(where + ": malformed JSON");
  if (!obj.is_object()) return Status::InvalidArgument(where + ": expected a JSON object");
  auto text = obj.find("text");
  if (text == obj.end() || !text->is_string()) {
    return Status::InvalidArgument(where + ": missing string field \"text\"");
  }
  Article a;
  a.text = text->get<std::string>();
  KG_RETURN_IF_ERROR(CheckText(a.text, where, options));
  a.id = JsonString(obj, "id");
  if (a.id.empty()) a.id = default_id;
  a.title = JsonString(obj, "title");
  a.date = JsonString(obj, "date");
  if (a.date.size() > 10) a.date.resize(10);  // "2024-06-19T10:00Z" -> day
  if (a.date.empty()) a.date = options.default_date;
  a.url = JsonString(obj, "url");
  a.source = JsonString(obj, "source");
  a.origin = where;
  return a;
}

// JSON Lines are read a line at a time, so that memory does not grow with
// the file. A line with NUL bytes means the file is binary: reading stops
// there. `line_no` is the number of lines already consumed from `in`.
void ReadJsonLines(std::istream& in, const std::string& name, const std::string& id_prefix,
                   size_t line_no, const ReadOptions& options,
                   const std::function<void(Article)>& on_article,
                   const std::function<void(const Status&)>& on_error) {
  std::string line;
  bool any = false;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find('\0') != std::string::npos) {
      return on_error(Status::InvalidArgument(name + ": binary data (NUL bytes), not JSON Lines"));
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    any = true;
    std::string where = name + ":" + std::to_string(line_no);
    auto article = ArticleFromJsonLine(line, where, id_prefix + ":" + std::to_string(line_no), options);
    if (article.ok()) {
      on_article(article.take());
    } else {
      on_error(article.status());
    }
  }
  if (in.bad()) return on_error(Status::IOError(name + ": read error"));
  if (!any) on_error(Status::InvalidArgument(name + ": empty file"));
}

void ReadFile(const fs::path& path, const ReadOptions& options,
              const std::function<void(Article)>& on_article,
              const std::function<void(const Status&)>& on_error) {
  if (path.extension() == ".jsonl") {
    std::ifstream in(path, std::ios::binary);
    if (!in) return on_error(Status::IOError(path.string() + ": cannot open for reading (permission denied?)"));
    return ReadJsonLines(in, path.string(), path.stem().string(), 0, options, on_article, on_error);
  }
  auto data = ReadWholeFile(path, options);
  if (!data.ok()) return on_error(data.status());
  Status s = CheckText(*data, path.string(), options);
  if (!s.ok()) return on_error(s);
  on_article(ArticleFromText(data.take(), TextId(path), path.string(), options));
}

bool IsArticleFile(const fs::path& p) {
  return p.extension() == ".txt" || p.extension() == ".jsonl";
}

}  // namespace

Status ReadArticles(const std::string& path, const ReadOptions& options,
                    const std::function<void(Article)>& on_article,
                    const std::function<void(const Status&)>& on_error) {
  if (path == "-") {
    // Leading blank space, then '{': JSON Lines, streamed; else one article.
    std::string data;
    int c;
    while ((c = std::cin.peek()) == ' ' || c == '\t' || c == '\r' || c == '\n') data += static_cast<char>(std::cin.get());
    if (c == '{') {
      const size_t lines = static_cast<size_t>(std::count(data.begin(), data.end(), '\n'));
      ReadJsonLines(std::cin, "<stdin>", "stdin", lines, options, on_article, on_error);
      return Status::Ok();
    }
    data.append(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    Status s = CheckText(data, "<stdin>", options);
    if (!s.ok()) {
      on_error(s);
      return Status::Ok();
    }
    on_article(ArticleFromText(std::move(data), "stdin", "<stdin>", options));
    return Status::Ok();
  }
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return Status::NotFound(path + ": no such file or directory");
  if (!fs::is_directory(st)) {
    ReadFile(path, options, on_article, on_error);
    return Status::Ok();
  }
  // Directories: every .txt/.jsonl below, in a stable (sorted) order.
  std::vector<fs::path> files;
  // Unreadable subdirectories are skipped below, but the directory the user
  // named must be readable: otherwise it would look empty, silently.
  fs::directory_iterator top(path, ec);
  if (ec) return Status::IOError(path + ": cannot list directory: " + ec.message());
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Status::IOError(path + ": cannot list directory: " + ec.message());
  for (const auto& entry : it) {
    if (entry.is_regular_file(ec) && IsArticleFile(entry.path())) files.push_back(entry.path());
  }
  // In std::filesystem::path's order (component by component), with each
  // path split into its components once rather than at every comparison,
  // and the components all files share (the directory's) left out.
  std::vector<std::vector<std::string>> parts(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    for (const fs::path& part : files[i]) parts[i].push_back(part.native());
  }
  size_t shared = parts.empty() ? 0 : parts[0].size();
  for (const auto& p : parts) {
    shared = std::min<size_t>(shared, std::mismatch(p.begin(), p.begin() + std::min(shared, p.size()),
                                                    parts[0].begin()).first - p.begin());
  }
  std::vector<size_t> order(files.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::lexicographical_compare(parts[a].begin() + shared, parts[a].end(), parts[b].begin() + shared,
                                        parts[b].end());
  });
  for (size_t i : order) ReadFile(files[i], options, on_article, on_error);
  return Status::Ok();
}

}  // namespace kg
