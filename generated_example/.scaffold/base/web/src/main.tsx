import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { ApiProvider } from "./api/http";
import { App } from "./App";
import "./index.css";

const queryClient = new QueryClient();
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ApiProvider config={{ baseUrl: import.meta.env.VITE_API_URL ?? "" }}>
        <App />
      </ApiProvider>
    </QueryClientProvider>
  </StrictMode>,
);
