// The kg subcommands (internal to cli/). Each returns the process exit code:
// 0 success, 1 the command ran but found a problem (failed articles, no
// path), 2 bad usage or an error that stopped it. Errors are printed as one
// line on stderr, prefixed "kg: ".
#pragma once

#include <string>
#include <vector>

namespace kg::cli {

struct CommonOptions {
  std::string db;  // resolved database directory
  std::vector<std::string> lexicons, patterns;
  std::string date;  // --date: default article date (YYYY-MM-DD)
};

int RunIngest(const CommonOptions& common, const std::vector<std::string>& paths);
int RunExtract(const CommonOptions& common, const std::vector<std::string>& paths,
               const std::string& format);
int RunExport(const CommonOptions& common, const std::string& format, const std::string& output,
              const std::string& around, int depth);
int RunPath(const CommonOptions& common, const std::string& from, const std::string& to,
            int max_hops);
int RunShow(const CommonOptions& common, const std::string& name);
int RunStats(const CommonOptions& common);

// cli/cmd_maintenance.cc
int RunRemove(const CommonOptions& common, const std::vector<std::string>& ids);
int RunCheck(const CommonOptions& common);
// kg export --format json: the whole graph as canonical JSON Lines.
int RunExportJson(const CommonOptions& common, const std::string& output);

}  // namespace kg::cli
