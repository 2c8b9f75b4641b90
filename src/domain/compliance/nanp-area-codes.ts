// North American numbering plan: area code → the zones of the area it serves (US and Canada;
// the other NANP members are countries of their own in the numbering plan). An area code that
// straddles a zone line lists both zones, and one missing here falls back to every zone of the
// country. Mobile numbers keep the area code they were given even when their owner moves: the
// zone is that of the area code, as every US carrier and regulator guidance assumes.
const NY = 'America/New_York';
const CHI = 'America/Chicago';
const DEN = 'America/Denver';
const PHX = 'America/Phoenix';
const LA = 'America/Los_Angeles';

const SINGLE: ReadonlyArray<readonly [string, string]> = [
  // US Eastern: NY NJ PA MA CT RI NH VT ME DE MD DC VA WV NC SC GA FL OH MI IN KY TN
  [NY, '212 315 332 347 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934 201 551 609 640 732 848 856 862 908 973 215 223 267 272 412 445 484 570 582 610 717 724 814 835 878 339 351 413 508 617 774 781 857 978 203 475 860 959 401 603 802 207 302 227 240 301 410 443 667 202 771 276 434 540 571 703 757 804 826 948 304 681 252 336 704 743 828 910 919 980 984 803 839 843 854 864 229 404 470 478 678 706 762 770 912 943 239 305 321 352 386 407 561 656 689 727 754 772 786 813 863 904 941 954 216 220 234 283 326 330 380 419 440 513 567 614 740 937 231 248 269 313 517 586 616 679 734 810 947 989 260 317 463 574 765 502 859 423 865'],
  // US Central: IL WI MN IA MO AR LA MS AL TN KY TX OK
  [CHI, '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 872 262 274 414 534 608 715 920 218 320 507 612 651 763 952 319 515 563 641 712 314 417 557 573 636 660 816 975 327 479 501 870 225 318 337 504 985 228 601 662 769 205 251 256 334 659 938 615 629 731 901 931 219 270 364 210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979 405 539 572 580 918 316 913 402 531'],
  [DEN, '303 719 720 970 983 385 435 801 505 575 406 307 915'],
  [PHX, '480 520 602 623 928'],
  [LA, '209 213 279 310 323 341 350 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951 206 253 360 425 509 564 503 971 702 725 775'],
  ['America/Anchorage', '907'],
  ['Pacific/Honolulu', '808'],
  // Canada
  ['America/Toronto', '226 249 289 343 365 416 437 519 548 613 647 705 742 753 905 263 354 367 418 438 450 468 514 579 581 819 873'],
  ['America/Winnipeg', '204 431 584'],
  ['America/Regina', '306 474 639'],
  ['America/Edmonton', '368 403 587 780 825'],
  ['America/Vancouver', '236 250 604 672 778'],
  ['America/Halifax', '782 902 428 506'],
];

const SPLIT: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['850', [NY, CHI]], // Florida panhandle
  ['448', [NY, CHI]],
  ['812', [NY, CHI]], // southern Indiana
  ['930', [NY, CHI]],
  ['906', [NY, CHI]], // Michigan's Upper Peninsula
  ['606', [NY, CHI]], // eastern Kentucky
  ['620', [CHI, DEN]], // Kansas
  ['785', [CHI, DEN]],
  ['308', [CHI, DEN]], // western Nebraska
  ['605', [CHI, DEN]], // South Dakota
  ['701', [CHI, DEN]], // North Dakota
  ['208', [DEN, LA]], // Idaho
  ['986', [DEN, LA]],
  ['458', [LA, DEN]], // Oregon
  ['541', [LA, DEN]],
  ['709', ['America/St_Johns', 'America/Halifax']], // Newfoundland and Labrador
  ['807', ['America/Toronto', 'America/Winnipeg']], // north-western Ontario
  ['867', ['America/Whitehorse', 'America/Edmonton', 'America/Winnipeg', 'America/Toronto']], // the territories
];

const BY_AREA_CODE: ReadonlyMap<string, readonly string[]> = new Map([
  ...SINGLE.flatMap(([zone, codes]) => codes.split(' ').map((code) => [code, [zone]] as const)),
  ...SPLIT,
]);

/** The zones of a NANP area code; undefined when the table does not know it. */
export function areaCodeZones(areaCode: string): readonly string[] | undefined {
  return BY_AREA_CODE.get(areaCode);
}

export const NANP_AREA_CODES: readonly string[] = [...BY_AREA_CODE.keys()].sort();
