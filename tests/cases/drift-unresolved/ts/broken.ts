export interface Broken {
  name: string
  age: number =
}
