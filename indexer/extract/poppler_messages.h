// SPDX-License-Identifier: GPL-2.0-or-later
// What Poppler says while one PDF is extracted. Poppler has one error
// callback for the whole process (installed by InitExtractors()); it feeds
// the capture of the thread that is extracting, if any, since Poppler calls
// it on the thread whose call into Poppler went wrong. A worker process
// extracts one file at a time; in-process extraction (tests) may run on
// several threads, each with its own capture.
#pragma once

#include <string>
#include <vector>

namespace archivist::extract {

// Lives for one extraction on one thread; captures do not nest.
class PopplerMessageCapture {
 public:
  PopplerMessageCapture();
  ~PopplerMessageCapture();
  PopplerMessageCapture(const PopplerMessageCapture&) = delete;
  PopplerMessageCapture& operator=(const PopplerMessageCapture&) = delete;

  // The note for the document, or "" when nothing was lost: which script's
  // text may be missing because Poppler lacks the CMaps of a character
  // collection ("Adobe-Japan1"), and that poppler-data provides them.
  std::string Note() const;

 private:
  friend void OnPopplerMessage(const std::string& message);
  std::vector<std::string> missing_collections_;  // in order, no repeats
  PopplerMessageCapture* previous_;
};

// Poppler's error callback: logs the message at debug level, and hands a
// missing language pack or CMap to this thread's capture.
void OnPopplerMessage(const std::string& message);

// Points Poppler at another data directory ("" restores the built-in one,
// /usr/share/poppler): a test points it at an empty folder to be a machine
// without poppler-data. Poppler takes it only while no PDF is open; false
// when it did not.
bool SetPopplerDataDir(const std::string& dir);

}  // namespace archivist::extract
