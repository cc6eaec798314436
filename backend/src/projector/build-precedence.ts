/**
 * Which build of a projection may replace which, and which builds a process may run: a build is
 * labelled with the version and the fingerprint of the code that computes it, and
 * - a lower version never replaces a higher one (an older server beside a newer CLI or server);
 * - a build of the same version made by other code is never replaced, nor followed: its rows came
 *   from that code (the fix for a changed projection is a version bump);
 * - a build made before fingerprints were recorded (null) counts as this code's, if the version is.
 */
export interface CodeIdentity {
  version: number;
  /** null: not recorded (a build made before fingerprints were). */
  codeFingerprint: string | null;
}

export type Precedence = 'older' | 'same' | 'newer' | 'other-code';

/** How `build` compares with `code`: older (code may replace it), same (code may follow it), newer or other code (hands off). */
export function compareBuild(build: CodeIdentity, code: CodeIdentity): Precedence {
  if (build.version < code.version) return 'older';
  if (build.version > code.version) return 'newer';
  if (build.codeFingerprint === null || code.codeFingerprint === null) return 'same';
  return build.codeFingerprint === code.codeFingerprint ? 'same' : 'other-code';
}

/** Why `candidate` may not replace the `active` build, or undefined when it may. */
export function refusalToReplace(
  active: CodeIdentity & { buildId: number },
  candidate: CodeIdentity & { buildId?: number },
): string | undefined {
  const label = candidate.buildId === undefined ? 'this code' : `build ${candidate.buildId}`;
  switch (compareBuild(active, candidate)) {
    case 'older':
    case 'same':
      return undefined;
    case 'newer':
      return `build ${active.buildId} of version ${active.version} serves, newer than ${label}'s version ${candidate.version}`;
    case 'other-code':
      return `build ${active.buildId} of the same version ${active.version} serves, made by other code (fingerprint ${active.codeFingerprint}; ${label}'s is ${candidate.codeFingerprint}): bump the version to replace it`;
  }
}

/** Why a process with `code` does not follow the `active` build, or undefined when it does. */
export function refusalToFollow(active: CodeIdentity & { buildId: number }, code: CodeIdentity): string | undefined {
  switch (compareBuild(active, code)) {
    case 'older':
    case 'same':
      return undefined;
    case 'newer':
      return `build ${active.buildId} of version ${active.version} serves; this process has version ${code.version}, older: it neither replaces nor follows it`;
    case 'other-code':
      return `build ${active.buildId} of version ${active.version} serves, made by other code (fingerprint ${active.codeFingerprint}); this process has fingerprint ${code.codeFingerprint} for the same version: it neither replaces nor follows it (bump the version)`;
  }
}
