package api

import (
	"github.com/shopspring/money"
	"gorm.io/gorm"
)

type Timestamp struct {
	Seconds int64
}

func (t Timestamp) MarshalJSON() ([]byte, error) { return nil, nil }

type Order struct {
	gorm.Model
	Total     money.Amount `json:"total"`
	PlacedAt  Timestamp    `json:"placed_at"`
	ShippedAt *Timestamp   `json:"shipped_at"`
}

type Secret struct {
	Value string `json:"value"`
}

func (s *Secret) MarshalJSON() ([]byte, error) { return []byte(`"***"`), nil }
