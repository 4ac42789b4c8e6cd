// SPDX-License-Identifier: GPL-2.0-or-later
// Two pages of a report, one English and one French, long enough for
// language detection to name each: the page-language tests of core
// (detection) and of the engine (stemming and matching per page) read the
// same text.
#pragma once

#include <string>

namespace archivist::test {

inline const std::string kEnglishPage =
    "This report describes how children are exploited by traffickers across borders, and what "
    "governments have done to protect the victims, to prosecute the offenders and to prevent "
    "new cases. It covers the laws adopted during the year, the number of investigations and "
    "convictions, the shelters opened for survivors, and the training given to police officers, "
    "judges and labour inspectors in every region of the country.";

inline const std::string kFrenchPage =
    "Ce rapport décrit comment les enfants victimes d'exploitation sexuelles sont recrutés par "
    "des réseaux criminels, et ce que les gouvernements ont fait pour protéger les victimes, "
    "poursuivre les auteurs et prévenir de nouveaux cas. Il présente les lois adoptées pendant "
    "l'année, le nombre d'enquêtes et de condamnations, les foyers ouverts pour les survivants "
    "et la formation donnée aux policiers, aux juges et aux inspecteurs du travail.";

}  // namespace archivist::test
