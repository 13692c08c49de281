// The app's root component. Add the feature's pages and routes here.
export function App() {
  return <main className="mx-auto max-w-3xl p-6" />;
}
