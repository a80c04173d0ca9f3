// css-tree's parser and generator alone, as its package exports them (`css-tree/parser`,
// `css-tree/generator`): the whole package also builds its lexer from the CSS syntax
// dictionary when it is loaded, which card stylesheets never use. @types/css-tree describes
// only the whole package; these are its own functions.
declare module 'css-tree/parser' {
  const parse: typeof import('css-tree').parse
  export default parse
}

declare module 'css-tree/generator' {
  const generate: typeof import('css-tree').generate
  export default generate
}
