/** The longest dial-pad input accepted; apart from the parser so the dial pad does not load it (issue 19). */
export const MAX_DIAL_INPUT = 128;
