// SPDX-License-Identifier: GPL-2.0-or-later
// Runs one of the project's programs as a child process, for tests that
// exercise the real binaries: its stdout is a pipe the test reads.
#pragma once

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace archivist::testing {

class ChildProcess {
 public:
  // Starts argv[0] (a path) with argv; `extra_env` entries ("NAME=value")
  // are added to this process's environment for the child.
  explicit ChildProcess(const std::vector<std::string>& argv,
                        const std::vector<std::string>& extra_env = {}) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    std::vector<char*> env;
    for (char** e = environ; *e; ++e) env.push_back(*e);
    for (const std::string& entry : extra_env) env.push_back(const_cast<char*>(entry.c_str()));
    env.push_back(nullptr);
    const int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (rc != 0) {
      close(fds[0]);
      throw std::runtime_error("cannot start " + argv[0]);
    }
    stdout_fd_ = fds[0];
  }

  ~ChildProcess() {
    if (pid_ > 0 && !exit_status_) {
      kill(pid_, SIGKILL);
      Wait();
    }
    if (stdout_fd_ >= 0) close(stdout_fd_);
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line of the child's stdout, or nullopt if none comes within
  // `timeout` (or the child closed its stdout).
  std::optional<std::string> ReadLine(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      const auto newline = buffer_.find('\n');
      if (newline != std::string::npos) {
        std::string line = buffer_.substr(0, newline);
        buffer_.erase(0, newline + 1);
        return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return std::nullopt;
      pollfd pfd{stdout_fd_, POLLIN, 0};
      if (poll(&pfd, 1, static_cast<int>(left.count())) <= 0) continue;
      char chunk[4096];
      const ssize_t n = read(stdout_fd_, chunk, sizeof chunk);
      if (n <= 0) return std::nullopt;
      buffer_.append(chunk, static_cast<std::size_t>(n));
    }
  }

  // Everything the child writes to stdout until it closes it.
  std::string ReadAll() {
    std::string all = std::move(buffer_);
    char chunk[4096];
    ssize_t n;
    while ((n = read(stdout_fd_, chunk, sizeof chunk)) > 0) all.append(chunk, static_cast<std::size_t>(n));
    return all;
  }

  void Signal(int signal_number) { kill(pid_, signal_number); }

  // Waits for the child; its wait status.
  int Wait() {
    if (!exit_status_) {
      int status = 0;
      waitpid(pid_, &status, 0);
      exit_status_ = status;
    }
    return *exit_status_;
  }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
  std::optional<int> exit_status_;
};

}  // namespace archivist::testing
