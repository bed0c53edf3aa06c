// Labels every image a test imports from scratch carries (test/engine/docker/helpers/busybox.ts), outside
// gentoo-wb's own `org.gentoo-wb.` labels so no product code counts it as its own: the run it belongs to
// and the name it was imported under. The global teardown removes what a test left of its run and names
// the test's image by that name.
export const TEST_IMAGE_LABEL = { run: 'org.gentoo-wb-test.run', ref: 'org.gentoo-wb-test.ref' } as const;
