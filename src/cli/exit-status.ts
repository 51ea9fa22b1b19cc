// Exit statuses every command shares (a command's own, such as boot's, live with it).
export const EXIT_BAD_INPUT = 2; // unreadable or malformed input, bad option, usage error
export const EXIT_INTERNAL = 70; // EX_SOFTWARE (sysexits.h): a bug in twostage itself
