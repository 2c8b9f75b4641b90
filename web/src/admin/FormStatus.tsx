/** What the last change did ("Profile Sales created."), read out by screen readers as it appears. `quiet`: hidden while empty. */
export function FormStatus({ text, quiet = false }: { readonly text: string; readonly quiet?: boolean }) {
  return quiet ? (
    <p role="status" className="admin__status sr-status">
      {text}
    </p>
  ) : (
    <p role="status" className="admin__status" data-testid="admin-status">
      {text}
    </p>
  );
}
