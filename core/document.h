// SPDX-License-Identifier: GPL-2.0-or-later
// TODO(#13): the document builder moved to the writer
// (indexer/writer/document_builder.h, namespace archivist::writer). This
// forwarding header keeps core's tests building until they move with the
// read side; delete it then. Nothing in core includes it.
#pragma once

#include "indexer/writer/document_builder.h"

namespace archivist {

using writer::BuildIndexableDocument;
using writer::DescriptiveText;
using writer::IndexableDocument;
using writer::StoreRecord;

}  // namespace archivist
