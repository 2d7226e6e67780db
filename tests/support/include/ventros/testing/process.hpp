#pragma once

#include <map>
#include <string>
#include <vector>

namespace ventros::testing {

/// A child process with its own environment additions and output captured to a file.
/// The destructor kills it (SIGKILL) if still running, and so does the kernel when the
/// thread that started it exits (PR_SET_PDEATHSIG): start children from a thread that
/// outlives them, normally the test's main thread.
class child_process {
public:
    child_process(std::vector<std::string> argv, std::map<std::string, std::string> env,
                  std::string log_path);
    ~child_process();
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    int pid() const noexcept { return pid_; }
    bool running();
    /// Waits up to `timeout_ms` for exit; returns the exit status as `stop` does.
    int wait(int timeout_ms);
    /// Sends `signal` and waits up to `timeout_ms` for exit; returns the exit status
    /// (WEXITSTATUS, or 128 + signal when killed), or -1 if it did not exit in time.
    int stop(int signal, int timeout_ms = 15000);
    /// The output captured so far.
    std::string output() const;

private:
    int pid_ = -1;
    int status_ = -1;
    std::string log_path_;
};

/// Runs a command to completion; returns its exit status and output.
struct run_result {
    int status = -1;
    std::string output;
};
run_result run_command(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& env);

} // namespace ventros::testing
