// The Image tab's rows: tags, CMD, ENTRYPOINT, ENV, EXPOSE, USER, WORKDIR, VOLUME, LABEL and the
// smoke test. Lists are typed as words (quotes group), maps as KEY=value.
import { formatKeyValues, joinWords, parseKeyValues, splitWords, type TextParse } from '../../../core/recipe/recipe-fields.js';
import type { ImageConfig, Recipe } from '../../../core/recipe/recipe-schema.js';
import { ok, type FormRow } from './form-rows.js';

function wordsRow(recipe: Recipe, id: string, label: string, field: string, list: readonly string[] | undefined, hint: string, note: string, set: (words: string[]) => Recipe, unset = '(from the base)'): FormRow {
  return {
    kind: 'text', id, label, field, hint, note,
    value: list === undefined ? unset : list.length === 0 ? '(none)' : joinWords(list),
    initial: list === undefined ? '' : joinWords(list),
    apply: (text): TextParse<Recipe> => {
      const parsed = splitWords(text);
      return parsed.ok ? ok(set(parsed.value)) : parsed;
    },
  };
}

function withImage(recipe: Recipe, change: Partial<ImageConfig>): Recipe {
  return { ...recipe, image: { ...recipe.image, ...change } };
}

function without<K extends keyof ImageConfig>(recipe: Recipe, key: K): Recipe {
  const image = { ...recipe.image };
  delete image[key];
  return { ...recipe, image };
}

function textRow(recipe: Recipe, id: 'user' | 'workdir', label: string, hint: string): FormRow {
  const value = recipe.image[id];
  return {
    kind: 'text', id, label, field: `image.${id}`, hint, note: 'empty keeps the base image\'s', value: value ?? '(from the base)', initial: value ?? '',
    apply: (text) => ok(text.trim() === '' ? without(recipe, id) : withImage(recipe, { [id]: text.trim() })),
  };
}

function mapRow(recipe: Recipe, id: 'env' | 'labels', label: string, hint: string): FormRow {
  const map = recipe.image[id];
  return {
    kind: 'text', id, label, field: `image.${id}`, hint, note: 'KEY=value KEY2="two words"', value: Object.keys(map).length === 0 ? '(none)' : formatKeyValues(map), initial: formatKeyValues(map),
    apply: (text) => {
      const parsed = parseKeyValues(text);
      return parsed.ok ? ok(withImage(recipe, { [id]: parsed.value })) : parsed;
    },
  };
}

/** Rows for the image config. */
export function imageRows(recipe: Recipe): FormRow[] {
  const img = recipe.image;
  return [
    wordsRow(recipe, 'tags', 'tags', 'image.tags', img.tags, 'NAME:TAG …, e.g. myorg/php:8.3', 'names the built image gets', (w) => withImage(recipe, { tags: w })),
    wordsRow(recipe, 'cmd', 'CMD', 'image.cmd', img.cmd, 'argv words; quotes group: php -r "echo 1;"', 'empty keeps the base image\'s CMD', (w) => (w.length === 0 ? without(recipe, 'cmd') : withImage(recipe, { cmd: w }))),
    wordsRow(recipe, 'entrypoint', 'ENTRYPOINT', 'image.entrypoint', img.entrypoint, 'argv words, e.g. /usr/bin/php-fpm', 'empty keeps the base image\'s ENTRYPOINT', (w) => (w.length === 0 ? without(recipe, 'entrypoint') : withImage(recipe, { entrypoint: w }))),
    mapRow(recipe, 'env', 'ENV', 'KEY=value …'),
    wordsRow(recipe, 'expose', 'EXPOSE', 'image.expose', img.expose, 'ports: 80 9000/tcp 53/udp', 'documented ports (publishing is docker run -p)', (w) => withImage(recipe, { expose: w })),
    textRow(recipe, 'user', 'USER', 'user[:group] the container runs as'),
    textRow(recipe, 'workdir', 'WORKDIR', 'an absolute path'),
    wordsRow(recipe, 'volumes', 'VOLUME', 'image.volumes', img.volumes, 'absolute paths, e.g. /var/lib/data', 'folders that get a volume at run time', (w) => withImage(recipe, { volumes: w })),
    mapRow(recipe, 'labels', 'LABEL', 'KEY=value …'),
    wordsRow(recipe, 'smoke', 'smoke test', 'smokeTest', recipe.smokeTest?.argv, 'argv run in a throwaway container after the build', 'empty runs the image\'s entrypoint', (w) => {
      if (w.length > 0) return { ...recipe, smokeTest: { argv: w } };
      const { smokeTest: _drop, ...rest } = recipe;
      return rest;
    }, '(runs the entrypoint)'),
  ];
}
