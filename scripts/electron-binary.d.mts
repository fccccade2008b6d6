/** The binary's absolute path, or null where it was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD=1). */
export function electronBinary(): string | null
