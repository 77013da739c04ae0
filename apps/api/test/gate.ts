// A promise and the function that settles it: tests hold a hook of the code under test there
// (an import before or during its copy) while they read and write through the API.
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
