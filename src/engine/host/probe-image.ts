// Which local image the container probe runs in: a Gentoo stage3 if there is one (it has what a
// build has), then images gentoo-wb made, then the smallest tagged image (any /bin/sh will do).

/** The fields of an image listing the choice needs (dockerode's ImageInfo has them). */
export interface ImageSummary {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
  Labels?: Record<string, string> | null;
}

function tagOf(image: ImageSummary): string | null {
  return (image.RepoTags ?? []).find((t) => t !== '<none>:<none>') ?? null;
}

function rank(image: ImageSummary, tag: string): number {
  if (/^(docker\.io\/)?gentoo\/stage3(:|$)/.test(tag)) return 0;
  if (image.Labels && typeof image.Labels['org.gentoo-wb.role'] === 'string') return 1;
  return 2;
}

/** Image references to try, best first (at most `max`). */
export function probeImageCandidates(images: readonly ImageSummary[], max = 3): string[] {
  return images
    .map((image) => ({ image, tag: tagOf(image) }))
    .filter((x): x is { image: ImageSummary; tag: string } => x.tag !== null)
    .sort((a, b) => rank(a.image, a.tag) - rank(b.image, b.tag) || a.image.Size - b.image.Size || a.tag.localeCompare(b.tag))
    .slice(0, max)
    .map((x) => x.tag);
}
