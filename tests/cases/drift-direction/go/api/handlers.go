package api

import (
	"encoding/json"
	"net/http"
)

type Handler struct{}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func respond(w http.ResponseWriter, v interface{}) {
	writeJSON(w, http.StatusOK, v)
}

func toList(items []Memo) MemoList {
	return MemoList{Items: items}
}

func (h *Handler) PatchMemo(w http.ResponseWriter, r *http.Request) {
	var patch MemoPatch
	if err := json.NewDecoder(r.Body).Decode(&patch); err != nil {
		return
	}
	memo := &Memo{ID: "1"}
	writeJSON(w, http.StatusOK, memo)
}

func (h *Handler) ListMemos(w http.ResponseWriter, r *http.Request) {
	respond(w, toList(nil))
}

func (h *Handler) GetSettings(w http.ResponseWriter, r *http.Request) {
	s := Settings{}
	_ = json.NewEncoder(w).Encode(s)
}

func (h *Handler) PutSettings(w http.ResponseWriter, r *http.Request) {
	body := make([]byte, 0)
	var s Settings
	_ = json.Unmarshal(body, &s)
}
