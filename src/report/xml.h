// XML 1.0 text and attribute escaping for the JUnit writer. Pure functions; any thread.
#pragma once

#include <string>
#include <string_view>

namespace portcullis {

// `s` made safe as XML 1.0 character data (`attribute` = false) or as a double- or
// single-quoted attribute value (`attribute` = true): invalid UTF-8 becomes U+FFFD;
// characters XML 1.0 forbids (controls other than tab, LF and CR; U+FFFE, U+FFFF) are
// dropped; & < > " ' are escaped, and so are CR (always) and tab and LF in attributes, so that
// a parser gives back exactly the characters kept.
std::string XmlEscape(std::string_view s, bool attribute);

}  // namespace portcullis
