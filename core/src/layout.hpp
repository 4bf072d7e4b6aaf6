// GB/T 9704-2012 layout numbers for 公文 (domain.md §3), in the units ODF wants.
#pragma once

namespace sanding::gbt9704 {

// 5.1 / 5.2.1: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; so bottom 35 mm, outer 26 mm.
inline constexpr double kPageWidthMm = 210, kPageHeightMm = 297;
inline constexpr double kTopMm = 37, kInnerMm = 28, kOuterMm = 26, kTextBottomMm = 35;
// ODF carves the footer out of the body area: page margin + footer height + spacing = 35 mm,
// with the page number's 一字线 7 mm below the text block (7.5).
inline constexpr double kFooterSpacingMm = 7, kFooterHeightMm = 6;
inline constexpr double kPageBottomMarginMm = kTextBottomMm - kFooterSpacingMm - kFooterHeightMm;

// 5.2.2 / 5.2.3: 3号 (16 pt) body, 22 lines × 28 characters. 225 mm / 22 = 28.95 pt line pitch;
// 156 mm / 28 = 15.77 pt per character, so letter spacing −0.227 pt (0.008 cm) at 16 pt.
inline constexpr double kBodyPt = 16, kTitlePt = 22, kPageNumberPt = 14;
inline constexpr double kLinePitchPt = 28.95;
inline constexpr const char* kLetterSpacing = "-0.008cm";
inline constexpr int kLinesPerPage = 22, kCharsPerLine = 28;

// Font faces: the names 公文 use first, then open fonts Debian ships, so that a machine without
// the licensed fonts still shows CJK text in the right category (LibreOffice takes the first
// installed face of the list: ODF writes it CSS-style, comma-separated with quotes).
inline constexpr const char* kTitleFont =
    "'方正小标宋简体', 'FZXiaoBiaoSong-B05S', '华文中宋', 'Noto Serif CJK SC'";
inline constexpr const char* kBodyFont = "'仿宋_GB2312', '仿宋', FangSong, 'Noto Serif CJK SC'";
inline constexpr const char* kKaiFont =
    "'楷体_GB2312', '楷体', KaiTi, 'AR PL UKai CN', 'Noto Serif CJK SC'";
inline constexpr const char* kHeiFont = "'黑体', SimHei, 'Noto Sans CJK SC'";
inline constexpr const char* kSongFont = "'宋体', SimSun, 'Noto Serif CJK SC'";
inline constexpr const char* kLatinFont = "'Times New Roman', 'Liberation Serif', 'DejaVu Serif'";

}  // namespace sanding::gbt9704
