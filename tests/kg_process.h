// Running the kg program from tests: to completion (RunKg) or in the
// background, to be killed or waited for (KgProcess). Without a shell, so
// that arguments need no quoting and a kill reaches kg itself. Test-only.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace kg::testing {

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteFile(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// A command line to run as an unprivileged user, so that file permissions
// apply even when the tests run as root; empty when that is not possible.
// Non-root users need no prefix: permissions apply to them already.
inline std::vector<std::string> AsUnprivilegedUser() {
  if (::geteuid() != 0) return {};
  for (const char* setpriv : {"/usr/bin/setpriv", "/bin/setpriv"}) {
    if (::access(setpriv, X_OK) == 0) {
      return {setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
    }
  }
  return {"<none>"};
}

struct RunResult {
  int code = -1;    // exit code, or -signal when killed
  std::string out, err;
};

// kg started in the background, from the source tree, with stdout and
// stderr going to files (and stdin from a file or FIFO when given).
class KgProcess {
 public:
  KgProcess(const std::vector<std::string>& args, const std::filesystem::path& scratch,
            const std::string& stdin_path = "", const std::vector<std::string>& prefix = {})
      : out_(scratch / ("out-" + std::to_string(++counter_))),
        err_(scratch / ("err-" + std::to_string(counter_))) {
    std::vector<std::string> argv = prefix;
    argv.push_back(KG_BINARY);
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ == 0) {
      if (::chdir(KG_SOURCE_DIR) != 0) ::_exit(126);
      int in = ::open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
      int out = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (in < 0 || out < 0 || err < 0) ::_exit(126);
      ::dup2(in, 0);
      ::dup2(out, 1);
      ::dup2(err, 2);
      std::vector<char*> cargv;
      for (std::string& a : argv) cargv.push_back(a.data());
      cargv.push_back(nullptr);
      ::execv(cargv[0], cargv.data());
      ::_exit(127);
    }
  }
  KgProcess(const KgProcess&) = delete;
  KgProcess& operator=(const KgProcess&) = delete;
  ~KgProcess() {
    if (pid_ > 0 && !waited_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }

  pid_t pid() const { return pid_; }
  void Kill(int signal = SIGKILL) { ::kill(pid_, signal); }

  // True when the process has a file open whose path ends in `suffix`.
  bool HasOpen(const std::string& suffix) const {
    std::error_code ec;
    std::filesystem::path fds = "/proc/" + std::to_string(pid_) + "/fd";
    for (const auto& fd : std::filesystem::directory_iterator(fds, ec)) {
      std::string target = std::filesystem::read_symlink(fd.path(), ec).string();
      if (!ec && target.ends_with(suffix)) return true;
    }
    return false;
  }

  bool Running() {
    if (waited_) return false;
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      waited_ = true;
      status_ = status;
      return false;
    }
    return true;
  }

  RunResult Wait() {
    if (!waited_) {
      ::waitpid(pid_, &status_, 0);
      waited_ = true;
    }
    RunResult r;
    r.code = WIFEXITED(status_) ? WEXITSTATUS(status_) : -WTERMSIG(status_);
    r.out = ReadFile(out_);
    r.err = ReadFile(err_);
    return r;
  }

 private:
  static inline int counter_ = 0;
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  bool waited_ = false;
  int status_ = 0;
};

// Runs `kg ARGS` to completion.
inline RunResult RunKg(const std::vector<std::string>& args, const std::filesystem::path& scratch,
                       const std::string& stdin_path = "",
                       const std::vector<std::string>& prefix = {}) {
  return KgProcess(args, scratch, stdin_path, prefix).Wait();
}

// Runs `kg ARGS`, ARGS in shell syntax ("ingest samples/ --db 'x'"), from
// the source tree, with stdout and stderr collected through files in
// `scratch`.
inline RunResult RunKgShell(const std::string& args, const std::filesystem::path& scratch) {
  static int n = 0;
  std::string out = (scratch / ("shell-out-" + std::to_string(++n))).string();
  std::string err = (scratch / ("shell-err-" + std::to_string(n))).string();
  std::string cmd = std::string("cd '") + KG_SOURCE_DIR + "' && '" + KG_BINARY + "' " + args + " >'" + out + "' 2>'" +
                    err + "'";
  int status = std::system(cmd.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

}  // namespace kg::testing
