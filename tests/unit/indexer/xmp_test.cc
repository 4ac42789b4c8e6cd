// SPDX-License-Identifier: GPL-2.0-or-later
#include "indexer/extract/xmp.h"

#include <string>

#include <gtest/gtest.h>

namespace archivist::extract {
namespace {

std::string Packet(const std::string& description_attributes, const std::string& properties,
                   const std::string& doctype = "") {
  return doctype + R"(<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" )" +
         description_attributes + ">" + properties + "</rdf:Description></rdf:RDF></x:xmpmeta>";
}

TEST(XmpTest, ReadsDublinCoreXmpAndPdfProperties) {
  const XmpFacts facts = ParseXmp(Packet("", R"(
<dc:title><rdf:Alt><rdf:li xml:lang="nl">Jaarverslag</rdf:li>
  <rdf:li xml:lang="x-default">Annual report</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Ann Peeters</rdf:li><rdf:li>Jan  Smet</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">On helplines</rdf:li></rdf:Alt></dc:description>
<dc:subject><rdf:Bag><rdf:li>grooming</rdf:li><rdf:li>helpline</rdf:li></rdf:Bag></dc:subject>
<pdf:Keywords>child protection; Belgium</pdf:Keywords>
<xmp:CreateDate>2014-05-30T10:00:00+02:00</xmp:CreateDate>
<xmp:ModifyDate>2015-01</xmp:ModifyDate>)"));
  EXPECT_EQ(facts.title, "Annual report");  // x-default wins over document order
  EXPECT_EQ(facts.creator, "Ann Peeters, Jan Smet");
  EXPECT_EQ(facts.description, "On helplines");
  EXPECT_EQ(facts.keywords, "child protection; Belgium");  // pdf:Keywords over dc:subject
  EXPECT_EQ(facts.created, "2014-05-30");
  EXPECT_EQ(facts.modified, "2015-01");
}

TEST(XmpTest, ReadsTheAbbreviatedAttributeFormAndSubjectsAsKeywords) {
  const XmpFacts facts =
      ParseXmp(Packet(R"(xmp:CreateDate="2009" pdf:Keywords="" dc:creator="Brenda Gaines")",
                      "<dc:subject><rdf:Bag><rdf:li>a</rdf:li><rdf:li>b</rdf:li></rdf:Bag>"
                      "</dc:subject>"));
  EXPECT_EQ(facts.created, "2009");
  EXPECT_EQ(facts.keywords, "a, b");
  EXPECT_EQ(facts.creator, "Brenda Gaines");  // as Acrobat 5 wrote it
}

TEST(XmpTest, MatchesNamespacesNotPrefixes) {
  const XmpFacts facts = ParseXmp(R"(<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:d="http://purl.org/dc/elements/1.1/" xmlns:dc="urn:not-dublin-core">
<r:Description><dc:title>Wrong</dc:title><d:title>Right</d:title></r:Description></r:RDF>)");
  EXPECT_EQ(facts.title, "Right");
}

TEST(XmpTest, GarbageAndDatesThatAreNotDatesGiveNothing) {
  EXPECT_EQ(ParseXmp("not xml at all <").title, "");
  EXPECT_EQ(ParseXmp("").title, "");
  EXPECT_EQ(ParseXmp(Packet("", "<xmp:CreateDate>yesterday</xmp:CreateDate>")).created, "");
}

TEST(XmpTest, NeverReadsExternalEntitiesOrExpandsEntityBombs) {
  const std::string xxe = Packet(
      "", "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">T &xxe;</rdf:li></rdf:Alt></dc:title>",
      "<!DOCTYPE x:xmpmeta [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>");
  const XmpFacts from_xxe = ParseXmp(xxe);
  EXPECT_EQ(from_xxe.title.find("root:"), std::string::npos) << from_xxe.title;

  std::string bomb = "<!DOCTYPE x:xmpmeta [<!ENTITY a0 \"laugh\">";
  for (int i = 1; i <= 10; ++i) {
    const std::string prev = "&a" + std::to_string(i - 1) + ";";
    std::string ten;
    for (int k = 0; k < 10; ++k) ten += prev;
    bomb += "<!ENTITY a" + std::to_string(i) + " \"" + ten + "\">";
  }
  bomb += "]>";
  const XmpFacts from_bomb = ParseXmp(Packet("", "<dc:creator>&a10;</dc:creator>", bomb));
  EXPECT_LT(from_bomb.creator.size(), 1000u);
}

TEST(XmpTest, AnOversizedPacketIsIgnored) {
  const std::string padding(2u << 20, ' ');
  EXPECT_EQ(ParseXmp(Packet("", "<dc:title>" + padding + "Big</dc:title>")).title, "");
}

}  // namespace
}  // namespace archivist::extract
