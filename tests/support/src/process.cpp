#include "ventros/testing/process.hpp"

#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace ventros::testing {
namespace {

int spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
          const std::string& log_path) {
    const int pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid == 0) {
        const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, 1);
            ::dup2(fd, 2);
        }
        // Die with the test: a crashed test binary must not leave gateways or
        // projectors running (they would hold ports and consumer group seats).
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // A fresh signal mask and default handlers, whatever the test runner set.
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        for (const auto& [key, value] : env) {
            ::setenv(key.c_str(), value.c_str(), 1);
        }
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

int decode_status(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return -1;
}

} // namespace

child_process::child_process(std::vector<std::string> argv, std::map<std::string, std::string> env,
                             std::string log_path)
    : log_path_(std::move(log_path)) {
    pid_ = spawn(argv, env, log_path_);
}

child_process::~child_process() {
    if (running()) {
        stop(SIGKILL, 5000);
    }
}

bool child_process::running() {
    if (pid_ <= 0 || status_ >= 0) {
        return false;
    }
    int status = 0;
    const int r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
        status_ = decode_status(status);
        return false;
    }
    return r == 0;
}

int child_process::stop(int signal, int timeout_ms) {
    if (!running()) {
        return status_;
    }
    ::kill(pid_, signal);
    return wait(timeout_ms);
}

int child_process::wait(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < deadline) {
        if (!running()) {
            return status_;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
}

std::string child_process::output() const {
    std::ifstream in(log_path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

run_result run_command(const std::vector<std::string>& argv,
                       const std::map<std::string, std::string>& env) {
    char path[] = "/tmp/ventros-run-XXXXXX";
    const int fd = ::mkstemp(path);
    ::close(fd);
    run_result result;
    {
        child_process child(argv, env, path);
        result.status = child.wait(600000);
        result.output = child.output();
    }
    ::unlink(path);
    return result;
}

} // namespace ventros::testing
