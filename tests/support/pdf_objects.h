// SPDX-License-Identifier: GPL-2.0-or-later
// A PDF made of objects written out in a test, for tests that need one
// PDF feature and nothing else.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace archivist::testing {

// A PDF of the objects `bodies` (object i + 1 is bodies[i], catalog first),
// with a correct cross-reference table.
inline std::string PdfOf(const std::vector<std::string>& bodies) {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + bodies[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(bodies.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    const std::string digits = std::to_string(offset);
    pdf += std::string(10 - digits.size(), '0') + digits + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(bodies.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace archivist::testing
